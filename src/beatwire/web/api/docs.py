"""/v1/docs: the API reference as one server-rendered page, made from the OpenAPI document.

No script and no external asset: the site's Content-Security-Policy allows
neither, and the docs must work offline like the rest of the site.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ info.title }} reference</title>
<link rel="stylesheet" href="../static/site.css"></head>
<body><main>
<h1>{{ info.title }} {{ info.version }}</h1>
<p>{{ info.description }}</p>
<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI {{ version }}).</p>
<h2>Operations</h2>
<ul>{% for op in ops %}<li><a href="#{{ op.id }}"><code>{{ op.method }} /v1{{ op.path }}</code></a>
 {{ op.summary }}</li>{% endfor %}</ul>
{% for op in ops %}
<section id="{{ op.id }}">
<h3><code>{{ op.method }} /v1{{ op.path }}</code></h3>
<p>{{ op.description }}</p>
{% if op.params %}<table><thead><tr><th>parameter</th><th>in</th><th>required</th>
<th>type</th><th>description</th></tr></thead><tbody>
{% for p in op.params %}<tr><td><code>{{ p.name }}</code></td><td>{{ p.where }}</td>
<td>{{ "yes" if p.required else "no" }}</td><td><code>{{ p.type }}</code></td>
<td>{{ p.description }}</td></tr>{% endfor %}</tbody></table>{% endif %}
<p>Responses: {% for status, text in op.responses %}<code>{{ status }}</code> {{ text }}
{{ "; " if not loop.last }}{% endfor %}</p>
</section>
{% endfor %}
</main></body></html>
"""

_template = Environment(autoescape=True).from_string(_PAGE)


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(part) for part in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    kind = str(schema.get("type", "object"))
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "type": _type(p.get("schema", {})),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            responses = [(code, r.get("description", "")) for code, r in op["responses"].items()]
            ops.append(
                {
                    "id": op.get("operationId", f"{method}{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "responses": responses,
                }
            )
    return ops


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference page."""
    spec = request.app.openapi()
    html = _template.render(info=spec["info"], version=spec["openapi"], ops=_operations(spec))
    return HTMLResponse(html, headers={"Cache-Control": "public, max-age=300"})

# ruff: noqa: E501
"""Hand-written non-English posts (a few per cent of the corpus). Each pairs a beat with a text."""

FOREIGN = {
    "de": [
        (
            "ai-hardware-compute",
            "Die GPU-Preise sind schon wieder gestiegen. Für kleine Labore ist Compute kaum noch bezahlbar.",
        ),
        (
            "ai-regulation",
            "Endlich klare Regeln: Die neue KI-Regulierung verlangt Protokolle und ein Beschwerderecht.",
        ),
        (
            "ai-education",
            "Unsere Schule testet einen KI-Tutor für Mathe. Die Schüler sind begeistert, die Lehrer vorsichtig optimistisch.",
        ),
        (
            "open-source-ai",
            "Open-Source-Modelle laufen inzwischen lokal auf meinem Laptop. Wirklich beeindruckend.",
        ),
        (
            "ai-privacy-surveillance",
            "Gesichtserkennung am Bahnhof? Datenschutz sieht anders aus. #privacy",
        ),
        (
            "ai-jobs",
            "Drei Kolleginnen wurden entlassen, angeblich wegen Automatisierung. Ich glaube, es war einfach ein schlechtes Quartal. #jobs",
        ),
        (
            "ai-environment",
            "Der Wasserverbrauch der Rechenzentren ist ein echtes Klima-Problem. #energy",
        ),
    ],
    "es": [
        (
            "ai-education",
            "Los estudiantes de mi clase usan el tutor de IA para los deberes y sus notas mejoraron mucho. #education",
        ),
        (
            "ai-jobs",
            "Otra ola de despidos por la automatización. Los trabajadores merecen algo mejor. #jobs",
        ),
        (
            "models-releases",
            "Probé el nuevo modelo y el benchmark no refleja mi experiencia real. #llm",
        ),
        (
            "ai-misinformation",
            "Un deepfake del alcalde circula por WhatsApp. Verifiquen antes de compartir, por favor.",
        ),
        (
            "ai-healthcare",
            "En mi hospital el escriba de IA ahorra una hora diaria a los médicos. #healthcare",
        ),
        (
            "ai-creative-industries",
            "Los actores de doblaje tienen razón: sin consentimiento no hay voz sintética. #artists",
        ),
        (
            "ai-social-media",
            "Mi feed está lleno de contenido generado por IA. El algoritmo lo premia. #socialmedia",
        ),
    ],
    "fr": [
        (
            "ai-regulation",
            "La nouvelle régulation de l'IA impose des audits. Bonne nouvelle, mais qui va contrôler ? #regulation",
        ),
        (
            "ai-safety-alignment",
            "Excellent papier sur l'interprétabilité et la safety des modèles. À lire absolument.",
        ),
        (
            "ai-consciousness-personhood",
            "Débat ce soir : une IA peut-elle être consciente ? Les philosophes ne sont pas d'accord. #consciousness",
        ),
        (
            "ai-science",
            "L'IA a aidé notre labo à trouver trois nouveaux matériaux. La science avance vite. #research",
        ),
        (
            "ai-education",
            "Les enseignants de mon école utilisent l'IA pour préparer les cours. Les élèves adorent. #education",
        ),
        (
            "ai-agents",
            "J'ai testé un agent autonome pour mes emails. Résultat : chaos total. #agents",
        ),
        (
            "ai-law",
            "Le tribunal a accepté la plainte pour copyright contre le modèle. Affaire à suivre. #lawsuit",
        ),
    ],
    "pt": [
        (
            "ai-jobs",
            "Demissões em massa justificadas pela IA. Os trabalhadores pagam a conta de novo. #jobs",
        ),
        (
            "open-source-ai",
            "Modelo open-source rodando local no meu notebook. A comunidade é incrível. #opensource",
        ),
        (
            "ai-everyday-products",
            "O assistente do meu celular finalmente entende português direito. Que alegria! #app",
        ),
        (
            "ai-industry-business",
            "Startup de IA com valuation de bilhões e quase nenhuma receita. Bolha? #startup",
        ),
        (
            "ai-robotics",
            "Vi um robô humanoide dobrando roupa. Impressionante, mas ainda lento. #robotics",
        ),
        (
            "ai-bias-fairness",
            "Auditoria mostrou bias no sistema de crédito contra bairros pobres. Inaceitável. #fairness",
        ),
    ],
    "ja": [
        (
            "models-releases",
            "新しいモデルのベンチマーク結果が出ました。長文コンテキストがかなり改善されています。 #model",
        ),
        ("ai-hardware-compute", "GPUの価格がまた上がった。研究室の計算資源が足りない。 #gpu"),
        (
            "ai-education",
            "学校でAIチューターを導入。生徒の宿題の質が上がったと先生が喜んでいる。 #education",
        ),
        (
            "ai-software-development",
            "コーディングアシスタントでリファクタリングが一日で終わった。すごい。 #coding",
        ),
        (
            "ai-creative-industries",
            "声優の声を無断でAIに学習させるのは許せない。 #voiceactors #artists",
        ),
        (
            "ai-robotics",
            "工場の倉庫ロボットが増えている。作業は楽になったが、仕事は減った。 #robotics",
        ),
    ],
}

FOREIGN_OPENERS = {
    "de": ["Ehrlich gesagt:", "Kurz notiert:", "Puh.", "Interessant:", ""],
    "es": ["Bueno,", "Ojo:", "Uf.", "Dato curioso:", ""],
    "fr": ["Franchement,", "À noter :", "Bon.", "Petite remarque :", ""],
    "pt": ["Sério,", "Olha só:", "Enfim.", "Curiosidade:", ""],
    "ja": ["正直、", "メモ：", "うーん。", ""],
}

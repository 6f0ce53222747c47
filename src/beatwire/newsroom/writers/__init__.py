"""Writers: from an evidence pack to a draft story (offline, claude, openai), and their prompts.

`base.Writer` is the protocol, `factory.make_writer` picks one by `newsroom.writer`.
"""

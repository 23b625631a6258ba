"""The MLOps architecture of section 5, drawn by the app.

``graph`` holds the model (components per lifecycle stage, links), ``catalogue``
the bilingual tool catalogue, ``mermaid_write``/``mermaid_read`` the Markdown
text form (a GitHub Mermaid flowchart), ``layout`` and ``svg`` the drawing, and
``pillars`` the coverage of the guide's six MLOps pillars. Only ``graph`` is
imported with the model; the rest loads when first used.
"""

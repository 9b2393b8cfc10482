"""Renderers for background documents, by kind.

    from documents.registry import renderer

    @renderer("actions.log_pdf")
    def action_log_pdf(job):
        ...  # runs inside scope(partnership=job.partnership)
        return pdf_bytes, "action-log.pdf", "application/pdf"

Register in a module the app imports at start-up (e.g. `<app>/documents.py`,
imported from the app's AppConfig.ready, or from its views)."""

RENDERERS = {}


def renderer(kind):
    def register(fn):
        assert kind not in RENDERERS, f"renderer {kind!r} registered twice"
        RENDERERS[kind] = fn
        return fn

    return register

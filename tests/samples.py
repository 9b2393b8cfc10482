"""Sample objects for a Tenant, made on demand: `tenant.sample("action")`.

An app registers a maker in `tests/<app>/samples.py`:

    from tests.samples import sample

    @sample("action")
    def _action(tenant):
        return ActionFactory(board=tenant.board, ...)

The maker runs once per tenant (the result is cached on it), outside any scope.
The isolation probe's URL arguments use these, so every app's URLs are probed
with real objects of both partnerships.
"""

import importlib
import pkgutil

MAKERS = {}


def sample(name):
    def register(maker):
        assert name not in MAKERS, f"sample {name!r} registered twice"
        MAKERS[name] = maker
        return maker

    return register


def load_app_samples():
    import tests

    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            importlib.import_module(f"tests.{module.name}.samples")
        except ModuleNotFoundError as error:
            if error.name != f"tests.{module.name}.samples":
                raise

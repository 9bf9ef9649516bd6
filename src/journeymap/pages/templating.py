"""A Jinja environment that renders the same bytes as Jinja's own, faster.

The pages are big (a 60-journey site is over 50 MB of HTML) and made almost entirely of
`{{ view.field }}` lookups into the frozen dataclasses the views build, each escaped.
Profiling `render` showed costs that produce nothing:

- `x.field`: Jinja's `getattr` is a method call that then calls `getattr(x, "field")`;
  on a view's dataclass that first try is the answer, so it is made here directly
  (a miss goes on to Jinja's own lookup, which tries the item next).
- `x.key` on a dict (a template's own dicts, `--templates` overrides' data): Jinja tries
  `getattr(x, "key")` first, which raises and catches an AttributeError every time
  before `x["key"]` is tried. A dict's attributes are exactly its class's, so for a
  plain dict and a name that is not one of them the item lookup gives the same answer
  without the exception.
- `{{ value }}` with autoescape: `markupsafe.escape` wraps every value in a `Markup`
  object (a Python-level `__new__`) that is joined into the page and thrown away. In a
  compiled template `escape(...)` stands only around what is output, so a plain `str`
  with the same escaped text renders the same page.

Everything else (undefined values, filters, macros, overrides with `--templates`) is
Jinja's own.

All of it runs in Jinja's immutable sandbox, built-in templates and overrides alike: a
template from `--templates` is code from whoever wrote it (in CI, maybe a pull request),
and outside the sandbox `{{ cycler.__init__.__globals__.os.popen(...) }}` runs a shell
command. In the sandbox no attribute starting with `_` is reachable, only safe callables
are called, and the view data cannot be changed. The shortcuts give the sandbox's own
answers (an item of a plain dict is data; a macro is a safe callable). With them the
sandbox costs about 5% of the CPU time of rendering the 60-journey benchmark's maps
(best of 12: 1.03 s, 0.97 s without it), so there is one environment for every template.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from contextlib import suppress
from types import CodeType
from typing import Any

import markupsafe
from jinja2 import Environment, Template
from jinja2.environment import TemplateModule
from jinja2.runtime import Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

_DICT_ATTRIBUTES = frozenset(dir(dict))

# markupsafe's C escaper, the function its `escape` calls; `escape` itself if it moves.
_escape_text: Callable[[str], str] | None = getattr(markupsafe, "_escape_inner", None)


def output_escape(value: Any) -> str:
    """The text `markupsafe.escape(value)` would give, as a plain str (or Markup).

    Same order of tests as markupsafe: str, then `__html__`, then `str()`; numbers
    (exactly int or float, never a subclass with its own `__str__`) have nothing to escape.
    """
    kind = type(value)
    if kind is str:
        return _escape_text(value) if _escape_text is not None else markupsafe.escape(value)
    if kind is int or kind is float:
        return str(value)
    if kind is Markup:
        return value  # type: ignore[no-any-return]
    return markupsafe.escape(value)


class FastTemplate(Template):
    """A template whose compiled `{{ }}` outputs use `output_escape`."""

    @classmethod
    def from_code(
        cls,
        environment: Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> Template:
        namespace: dict[str, Any] = {"environment": environment, "__file__": code.co_filename}
        exec(code, namespace)
        if _escape_text is not None and namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = output_escape
        template = cls._from_namespace(environment, namespace, globals)
        template._uptodate = uptodate
        return template


class FastContext(Context):
    """Calls a macro directly: what `Context.call` and `Macro.__call__` work out for it.

    A `Macro` takes the evaluation context (`Macro.__call__` is `pass_eval_context`), and
    loop and block variables are never passed on. A call with exactly the macro's
    positional arguments and no `caller`, `varargs` or `kwargs` in play binds them as
    they are, so the macro's function runs at once; anything else goes through Jinja.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is not Macro:
            return super().call(__obj, *args, **kwargs)
        return call_macro(__self, __obj, args, kwargs)


def call_macro(context: Context, macro: Macro, args: tuple[Any, ...], kwargs: Any) -> Any:
    """What `Context.call(macro, *args, **kwargs)` gives, by the shortest way."""
    kwargs.pop("_block_vars", None)
    kwargs.pop("_loop_vars", None)
    try:
        if (
            not kwargs
            and len(args) == macro._argument_count
            and not (macro.caller or macro.catch_kwargs or macro.catch_varargs)
            and not context.environment.is_async
        ):
            text = macro._func(*args)
            return str.__new__(Markup, text) if context.eval_ctx.autoescape else text
        return macro(context.eval_ctx, *args, **kwargs)
    except StopIteration:
        return context.environment.undefined(
            "value was undefined because a callable raised a StopIteration exception"
        )


# type -> the names of its dataclass fields that a template may read straight away (none
# for a type that is not a dataclass); found once a type, not once a lookup.
_PUBLIC_FIELDS: dict[type, frozenset[str]] = {}


def _public_fields(kind: type) -> frozenset[str]:
    fields = getattr(kind, "__dataclass_fields__", None) or {}
    return frozenset(name for name in fields if not name.startswith("_"))


class FastSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with `FastTemplate` templates, `FastContext` macro calls,
    and four answers the sandbox would give, found without its checks:

    - `x.key` on a plain dict, for a key that is not one of dict's attributes: the item;
    - `m.name` on an imported template (`{% import ... as m %}`) for a name without a
      leading `_`: the sandbox allows every such attribute of a `TemplateModule` (it is
      neither internal nor a mutating method of a builtin container);
    - calling a macro: a `Macro` is a safe callable and not a `str.format` method;
    - `v.field` on a dataclass (the view data), for a field without a leading `_`: a
      field's value is data, which the sandbox allows.

    Anything else goes through the sandbox's checks (and calls then `FastContext.call`)."""

    template_class = FastTemplate
    context_class = FastContext

    def getattr(  # the hottest function of a render: its names are bound locally
        self,
        obj: Any,
        attribute: str,
        _fields: Callable[[type], frozenset[str] | None] = _PUBLIC_FIELDS.get,
        _read: Callable[[Any, str], Any] = getattr,
    ) -> Any:
        kind = type(obj)
        fields = _fields(kind)
        if fields is None:
            fields = _PUBLIC_FIELDS[kind] = _public_fields(kind)
        if attribute in fields:
            return _read(obj, attribute)  # a view's field: data the sandbox would allow
        if kind is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        if kind is TemplateModule and not attribute.startswith("_"):
            with suppress(AttributeError):
                return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is Macro:
            return call_macro(__context, __obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

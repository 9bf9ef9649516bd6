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
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from types import CodeType
from typing import Any

import markupsafe
from jinja2 import Environment, Template
from jinja2.runtime import Context, Macro
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
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            if (
                not kwargs
                and len(args) == __obj._argument_count
                and not (__obj.caller or __obj.catch_kwargs or __obj.catch_varargs)
                and not __self.environment.is_async
            ):
                text = __obj._func(*args)
                return str.__new__(Markup, text) if __self.eval_ctx.autoescape else text
            return __obj(__self.eval_ctx, *args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class FastEnvironment(Environment):
    """`Environment` with fast paths for `x.field` (dataclasses, dicts), `FastTemplate`
    templates and `FastContext` macro calls."""

    template_class = FastTemplate
    context_class = FastContext

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            if attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
        else:
            # Jinja's own first try, without the call into it: a view's dataclass field
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass  # Jinja tries again, then `obj[attribute]`, then gives an undefined
        return super().getattr(obj, attribute)

"""Whether Triton kernels can run on CPU in this process (the Triton interpreter)."""

from __future__ import annotations


def runs_interpreted(kernel) -> bool:
    """True when ``kernel`` and triton.language's own jitted helpers were built for the
    interpreter, i.e. TRITON_INTERPRET=1 was set before triton was first imported."""
    import triton.language.standard as standard
    from triton.runtime.interpreter import InterpretedFunction
    from triton.runtime.jit import JITFunction

    helpers = [f for f in vars(standard).values() if isinstance(f, (JITFunction, InterpretedFunction))]
    return isinstance(kernel, InterpretedFunction) and all(isinstance(f, InterpretedFunction) for f in helpers)


CPU_HINT = "set TRITON_INTERPRET=1 before triton is first imported in the process"

"""Plan transforms executed by the worker: RIFLEx (RoPE, :mod:`.riflex`) and UltraViCo (logits, :mod:`.ultravico`)."""

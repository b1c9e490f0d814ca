"""Model adapters (one per family: :mod:`.wan`, :mod:`.hunyuan15`), tiny presets (:mod:`.presets`) and
loading with the plan-geometry check (:mod:`.loading`)."""

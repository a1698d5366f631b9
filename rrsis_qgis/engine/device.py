"""Pick the torch device: auto → CUDA, then Apple MPS, then CPU; a requested one must exist."""
from __future__ import annotations

CHOICES = ("auto", "cpu", "cuda", "mps")


def resolve_device(name: str = "auto") -> "torch.device":
    import torch  # here, not at import: the CLI's and server's argument parsing needs only CHOICES

    if name not in CHOICES and not name.startswith("cuda:"):
        raise ValueError(f"unknown device {name!r}; use one of {', '.join(CHOICES)}")
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError("device 'cuda' was requested but torch sees no CUDA GPU; use --device cpu or auto")
    if name == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ValueError("device 'mps' was requested but is not available here; use --device cpu or auto")
    return torch.device(name)

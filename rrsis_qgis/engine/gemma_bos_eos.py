"""BOS/EOS of a Gemma tokenizer (SigLIP 2's) set as transformers 4.53.1 set them, from tokenizer_config.json's flags."""
from __future__ import annotations

# transformers 4.53.1's GemmaTokenizerFast (SigLIP 2's class) built its BOS/EOS template from these config flags,
# defaults (True, False); transformers 5 takes tokenizer.json's post-processor instead and drops the flags
GEMMA_BOS_EOS = {"add_bos_token": True, "add_eos_token": False}


def restore_bos_eos(tokenizer, config: dict):
    """``tokenizer`` (transformers') with the BOS/EOS flags of ``config`` (its tokenizer_config.json) when it is a
    Gemma tokenizer; other classes are returned as they are."""
    if str(config.get("tokenizer_class", "")).startswith("Gemma"):
        for flag, default in GEMMA_BOS_EOS.items():
            setattr(tokenizer, flag, bool(config.get(flag, default)))  # the setter rebuilds the template
    return tokenizer

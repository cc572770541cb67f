"""One real TRL DPOTrainer step on a tiny randomly initialised Llama, for Kensa's real-TRL test.

Usage: python trl_one_step.py CONFIG_JSON DATASET_JSONL OUT_JSON

CONFIG_JSON is the output of `kensa rpo config --json`; its `dpoConfig` object is passed to `DPOConfig` as keyword
arguments unchanged. Nothing is downloaded: the model is built from a `LlamaConfig` with a fixed seed and the
tokenizer is a character-level `tokenizers` vocabulary built from the dataset itself. OUT_JSON receives the loss
the trainer computed for the step, the trainer's logged metrics, and the per-sequence log-probs of the policy and
reference model on the exact batch the trainer used, as a `kensa rpo loss` case (sequence-level inputs).
"""

import json
import sys

import torch
import trl
from datasets import load_dataset
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast
from trl import DPOConfig, DPOTrainer

config_path, data_path, out_path = sys.argv[1:4]
printed = json.load(open(config_path, encoding="utf-8"))
train = load_dataset("json", data_files=data_path, split="train")

# A character vocabulary over every text in the dataset (prompts may be strings or message lists).
characters = set()
for row in train:
    for column in ("prompt", "chosen", "rejected"):
        value = row[column]
        texts = [value] if isinstance(value, str) else [message["content"] for message in value]
        for text in texts:
            characters.update(text)
vocab = {"<pad>": 0, "<s>": 1, "</s>": 2, "<unk>": 3}
for character in sorted(characters):
    vocab.setdefault(character, len(vocab))
backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
backend.pre_tokenizer = pre_tokenizers.Split(pattern="", behavior="isolated")
tokenizer = PreTrainedTokenizerFast(
    tokenizer_object=backend, pad_token="<pad>", bos_token="<s>", eos_token="</s>", unk_token="<unk>"
)
tokenizer.chat_template = (
    "{% for message in messages %}<s>{{ message['role'] }}\n{{ message['content'] }}</s>{% endfor %}"
    "{% if add_generation_prompt %}<s>assistant\n{% endif %}"
)


def tiny_llama(seed):
    torch.manual_seed(seed)
    return LlamaForCausalLM(
        LlamaConfig(
            vocab_size=len(vocab),
            hidden_size=32,
            intermediate_size=64,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=4,
            max_position_embeddings=8192,
            pad_token_id=0,
            bos_token_id=1,
            eos_token_id=2,
        )
    )


# Policy and reference differ (two seeds), so the DPO logits are not all zero.
model = tiny_llama(0)
ref_model = tiny_llama(1)

args = DPOConfig(
    output_dir=out_path + ".trainer",
    per_device_train_batch_size=len(train),
    max_steps=1,
    learning_rate=1e-3,
    logging_steps=1,
    report_to=[],
    save_strategy="no",
    use_cpu=True,
    seed=0,
    **printed["dpoConfig"],
)


class RecordingTrainer(DPOTrainer):
    """Keeps the batch and the loss of the step, to recompute the log-probs the trainer used."""

    recorded = []

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        loss = super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
        value = loss[0] if isinstance(loss, tuple) else loss
        self.recorded.append({"inputs": {k: v.detach().clone() for k, v in inputs.items()}, "loss": value.item()})
        return loss


trainer = RecordingTrainer(
    model=model, ref_model=ref_model, args=args, train_dataset=train, processing_class=tokenizer
)
# The models as they were for the step: the optimiser changes the policy afterwards.
policy_before = tiny_llama(0)
reference = tiny_llama(1)
trainer.train()
step = RecordingTrainer.recorded[0]
inputs = step["inputs"]


def sequence_logps(network):
    network.eval()
    with torch.no_grad():
        logits = network(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"]).logits
    shift_logits = logits[:, :-1, :].float()
    labels = inputs["input_ids"][:, 1:]
    mask = inputs["completion_mask"][:, 1:]
    token_logps = torch.gather(shift_logits.log_softmax(-1), 2, labels.unsqueeze(-1)).squeeze(-1)
    sums = (token_logps * mask).sum(dim=1)
    chosen, rejected = sums.chunk(2, dim=0)
    chosen_count, rejected_count = mask.sum(dim=1).chunk(2, dim=0)
    return chosen.tolist(), rejected.tolist(), chosen_count.tolist(), rejected_count.tolist()


policy_chosen, policy_rejected, chosen_counts, rejected_counts = sequence_logps(policy_before)
reference_chosen, reference_rejected, _, _ = sequence_logps(reference)
logged = next(entry for entry in trainer.state.log_history if "loss" in entry)
loss_weights = printed["dpoConfig"].get("loss_weights")
alpha = printed["dpoConfig"].get("rpo_alpha", loss_weights[1] if loss_weights else 0.0)
json.dump(
    {
        "trl_version": trl.__version__,
        "rows": len(train),
        "train_rows_after_filtering": len(trainer.train_dataset),
        "trainer_loss": step["loss"],
        "logged": logged,
        "case": {
            "id": "trl-one-step",
            "params": {"beta": printed["dpoConfig"]["beta"], "alpha": alpha, "label_smoothing": 0.0, "reference_free": False},
            "inputs": {
                "sequence_level": {
                    "policy_chosen_logps": policy_chosen,
                    "policy_rejected_logps": policy_rejected,
                    "reference_chosen_logps": reference_chosen,
                    "reference_rejected_logps": reference_rejected,
                    "chosen_token_counts": chosen_counts,
                    "rejected_token_counts": rejected_counts,
                }
            },
        },
    },
    open(out_path, "w", encoding="utf-8"),
    indent=2,
)

"""S5, fine-tuning: LoRA/QLoRA adapters per task with TRL and PEFT (no Dagster here)."""

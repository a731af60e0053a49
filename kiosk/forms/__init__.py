"""Forms: JSON Schema + UI schema from the catalog, validation with Chinese messages,
prefill (只提交一次材料), and the 一件事 bundle union and split."""

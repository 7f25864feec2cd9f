"""The forward plan of key decisions: the public plan and its PDF, and putting a
report on the plan with the notice its timing allows (regulations 9 to 11)."""

"""`invoke catalogue`: many careers in one tagged PDF."""

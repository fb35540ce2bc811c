return "leaf"

loaded_nil_count = (loaded_nil_count or 0) + 1

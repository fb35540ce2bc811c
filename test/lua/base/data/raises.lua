-- raises an error on line 2
error("raised from file")

-- uncaught error with a number (converted to a string message, no position)
print("before")
error(42)

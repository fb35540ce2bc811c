-- uncaught error with a float
error(1.5)

-- uncaught error with a boolean
error(true)

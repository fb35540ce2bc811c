-- uncaught error with a table object (no __tostring)
print("before")
error({code = 42})

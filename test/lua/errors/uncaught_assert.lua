-- uncaught assertion failures
print(assert(1 == 1, "fine"))
assert(1 == 2, "one is not two")

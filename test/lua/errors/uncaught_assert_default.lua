-- assert without message
assert(false)

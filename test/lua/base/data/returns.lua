local n = ... or 1
return "returned", n * 2

-- string.rep
print(("x"):rep(3), ("ab"):rep(2, ","), ("x"):rep(0), ("x"):rep(-1), ("x"):rep(1, "sep"))
print(#("abc"):rep(1000), ("")
  :rep(100) == "", #(""):rep(5, "-"))
print(string.rep("a\0", 2) == "a\0a\0", ("x"):rep(2.0))
print(pcall(string.rep, "x", 1.5))
print(pcall(string.rep))
print(pcall(string.rep, "x", 1e10 // 1, "y"))

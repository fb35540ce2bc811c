-- control messages only count when they are the single argument
warn("@on")
warn("@off", "is not a control message here")
warn("a", "b", "c")
warn("")
warn("@off")
warn("invisible")
print("done")

-- bad argument error at top level
print(("x"):rep("many"))

-- hostile: reach io
-- expect: ok
-- output: nil	nil	nil	nil	nil	nil
print(io, dofile, loadfile, require, package, debug)

-- hostile: pack huge count
-- expect: memory
return string.pack("c1073741824", "")

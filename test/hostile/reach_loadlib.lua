-- hostile: reach loadlib
-- expect: error:attempt to index a nil value
return package.loadlib("libc.so.6", "system")

-- hostile: reach os execute
-- expect: error:attempt to call a nil value
os.execute("echo pwned")

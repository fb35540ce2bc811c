-- hostile: reach os exit
-- expect: error:attempt to call a nil value
os.exit(7)

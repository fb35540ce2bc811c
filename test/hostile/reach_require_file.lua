-- hostile: reach require file
-- expect: error:attempt to call a nil value
return require("os")

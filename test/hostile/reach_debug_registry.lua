-- hostile: reach debug registry
-- expect: error:attempt to index a nil value
return debug.getregistry()

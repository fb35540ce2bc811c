package.loaded[...] = "set by module"

#!/usr/bin/lua
return "from file with #"

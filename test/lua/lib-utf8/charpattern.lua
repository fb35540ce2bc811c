-- utf8.charpattern is the exact pattern of the manual
print(utf8.charpattern == "[\0-\x7F\xC2-\xFD][\x80-\xBF]*")
print(#utf8.charpattern)
print(type(utf8.charpattern))

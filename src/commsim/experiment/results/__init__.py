"""The results folder: what may be written where, written whole and by one writer, read
back checked (its tables, manifest and checksums).
"""

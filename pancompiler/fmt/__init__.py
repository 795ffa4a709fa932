"""The pan formatter: re-indentation in the style of Pan-Indenter (see ``fmt.indent``)."""

"""What a change does to the generated configurations, for reviewers.

This package reads built outputs and the dependency data a build keeps; it
never changes them.  ``values`` and ``profiles`` load profiles (JSON or pan
XML) keeping pan's types; ``compare`` diffs two configuration trees with
aligned lists; ``builds`` diffs two builds (profiles and rendered files);
``gitrevs`` builds two revisions of a site in a temporary worktree;
``impact`` answers "which objects may change" from the build state; the
``render_*`` modules turn a result into terminal text, markdown, JSON or a
standalone HTML page; ``cli`` is the ``panc-review`` command.
"""

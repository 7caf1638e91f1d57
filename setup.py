"""Packages for setuptools: visualnet's own, plus resources/ installed as visualnet.resources.

Everything else about the project is in pyproject.toml; a find in pyproject alone cannot add a
package that lives outside the visualnet/ folder.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["visualnet", "visualnet.*"]), "visualnet.resources"])

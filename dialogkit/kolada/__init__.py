"""Key figures from Kolada (https://kolada.se): the v3 API client, the workspace's
cache of what it gave, and `dialogkit keyfigures fetch`."""

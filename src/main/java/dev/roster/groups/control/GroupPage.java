package dev.roster.groups.control;

import dev.roster.groups.entity.StoredGroup;
import java.util.List;

/** One page of a group query: the groups on it and how many match in all. */
public record GroupPage(long totalResults, List<StoredGroup> groups) {}

package dev.roster.users.control;

import dev.roster.users.entity.StoredUser;
import java.util.List;

/** One page of a user query: the users on it and how many match in all. */
public record UserPage(long totalResults, List<StoredUser> users) {}

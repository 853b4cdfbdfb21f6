"""Timelines and graph traversal over a build."""
from kg.timeline.service import TimelineService, open_timelines

__all__ = ["TimelineService", "open_timelines"]

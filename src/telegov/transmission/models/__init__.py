from telegov.transmission.models.register import Site, VendorOverride
from telegov.transmission.models.scans import NoticeVersion, Scan, ScanJob

__all__ = ["NoticeVersion", "Scan", "ScanJob", "Site", "VendorOverride"]

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IDienbienPolicyLayer(IDefaultBrowserLayer):
    """Marker for requests on a site where dienbien.policy is installed."""

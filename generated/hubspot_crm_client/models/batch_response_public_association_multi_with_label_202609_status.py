from enum import StrEnum


class BatchResponsePublicAssociationMultiWithLabel202609Status(StrEnum):
    CANCELED = "CANCELED"
    COMPLETE = "COMPLETE"
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"

    def __str__(self) -> str:
        return str(self.value)

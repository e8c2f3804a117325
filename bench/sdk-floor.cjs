// The floor the offline plan's startup is measured against: load the four provider SDKs the
// landing zone uses, and nothing else.
require("@pulumi/pulumi");
require("@pulumi/gcp");
require("@pulumi/alicloud");
require("@pulumi/random");

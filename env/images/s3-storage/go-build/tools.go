//go:build tools

// Package tools pins SeaweedFS for env/bootstrap. Its go.mod has replace directives, which `go install pkg@version`
// refuses; building it from this module, which repeats them, is the supported way.
package tools

import _ "github.com/seaweedfs/seaweedfs/weed"

console.log("signet")
